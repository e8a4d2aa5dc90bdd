import { useEffect, useState } from 'react';
import type { AuditFile } from '../../shared/api-types';

const typeOf = (name: string): string =>
  name.endsWith('.html') ? 'text/html;charset=utf-8' : 'text/csv;charset=utf-8';

/** One object URL per file, to download it; revoked when the files change or the view goes. */
export const useObjectUrls = (files: AuditFile[] | undefined): string[] => {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = (files ?? []).map((f) =>
      URL.createObjectURL(new Blob([f.content], { type: typeOf(f.name) })),
    );
    setUrls(made);
    return () => made.forEach((url) => URL.revokeObjectURL(url));
  }, [files]);
  return urls;
};
