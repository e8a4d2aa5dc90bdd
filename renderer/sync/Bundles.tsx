import { useState, type ChangeEvent } from 'react';
import { bytesToBase64, base64ToBytes, download } from '../common/files';
import { size } from './size';
import { useSync } from './useSync';

/** Bundles: the whole repo as one file for a USB stick, and one brought back from a peer. */
export const Bundles = () => {
  const exportBundle = useSync((s) => s.exportBundle);
  const importBundle = useSync((s) => s.importBundle);
  const running = useSync((s) => s.running !== undefined);
  const exported = useSync((s) => s.exported);
  const [exporting, setExporting] = useState(false);
  const save = async () => {
    setExporting(true);
    const bundle = await exportBundle();
    setExporting(false);
    if (bundle) download(bundle.name, base64ToBytes(bundle.base64), 'application/octet-stream');
  };
  const bring = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (file === undefined) return;
    const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    // Cleared, so that choosing the same file again syncs again.
    input.value = '';
    await importBundle(file.name, base64);
  };
  return (
    <section className="card stack" aria-labelledby="sync-bundles">
      <h2 id="sync-bundles">Bundles</h2>
      <p className="muted">
        No network between you? Carry the group on a USB stick: a bundle holds the whole history,
        and <code>git clone</code> or <code>git fetch</code> read it too.
      </p>
      <div className="buttons">
        <button
          data-testid="bundle-export"
          type="button"
          disabled={exporting}
          onClick={() => void save()}
        >
          {exporting ? 'Exporting…' : 'Export a bundle'}
        </button>
      </div>
      {exported && (
        <p className="sync-saved" role="status" data-testid="bundle-exported">
          Saved <span className="mono">{exported.name}</span> ({size(exported.bytes)}) to your
          downloads. Carry it to the other machine and import it there, or <code>git clone</code>{' '}
          it.
        </p>
      )}
      <label>
        Import a bundle
        <input
          data-testid="bundle-import"
          type="file"
          accept=".bundle"
          disabled={running}
          onChange={(e) => void bring(e)}
        />
      </label>
    </section>
  );
};
