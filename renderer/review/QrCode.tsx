import { useMemo } from 'react';
import QRCode from 'qrcode';

/** The quiet zone the QR specification asks for around the symbol, in modules. */
const MARGIN = 4;

/**
 * A QR code as inline SVG, one <rect> per dark module: the CSP forbids the data: URLs that
 * qrcode's own renderers produce. Always black on white, which every phone camera reads.
 */
export const QrCode = ({ text, label }: { text: string; label: string }) => {
  const { size, dark } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const cells: { x: number; y: number }[] = [];
    for (let y = 0; y < modules.size; y++)
      for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) cells.push({ x, y });
    return { size: modules.size, dark: cells };
  }, [text]);
  const whole = size + 2 * MARGIN;
  return (
    <svg
      className="qr"
      data-testid="presenter-qr"
      viewBox={`0 0 ${whole} ${whole}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={whole} height={whole} fill="#fff" />
      {dark.map(({ x, y }) => (
        <rect key={`${x},${y}`} x={x + MARGIN} y={y + MARGIN} width={1} height={1} fill="#000" />
      ))}
    </svg>
  );
};
