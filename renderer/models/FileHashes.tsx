import type { ModelFile } from '../../shared/format/types';
import { HashCode } from './HashCode';
import { formatSize } from './model-format';

/** The files of a version with their hashes (and sizes, once imported). */
export const FileHashes = ({
  files,
  caption,
}: {
  files: (ModelFile & { size?: number })[];
  caption: string;
}) =>
  files.length === 0 ? (
    <p className="muted">No files recorded.</p>
  ) : (
    <table className="model-files">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          {files.some((f) => f.size !== undefined) && <th scope="col">Size</th>}
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.path} data-testid="model-file">
            <td>
              <code>{f.path}</code>
            </td>
            {f.size !== undefined && <td className="num">{formatSize(f.size)}</td>}
            <td>
              <HashCode sha256={f.sha256} label={f.path} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
