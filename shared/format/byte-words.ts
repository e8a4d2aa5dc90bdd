/** Sizes in words, for the app and the command line alike. */

/**
 * A size as people read it, in the decimal units disks and downloads use: "512 B", "12 kB",
 * "3.4 MB", "412 MB", "1.2 GB". Two significant digits below ten, whole units above.
 */
export const bytesWords = (bytes: number): string => {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [scale, unit] of units) {
    if (bytes >= scale) {
      const n = bytes / scale;
      return `${n < 9.95 ? n.toFixed(1) : Math.round(n).toLocaleString('en')} ${unit}`;
    }
  }
  return `${Math.max(0, Math.round(bytes))} B`;
};
