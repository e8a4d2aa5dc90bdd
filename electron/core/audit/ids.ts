/**
 * Ids as the report prints them: the first characters in the tables, the full id in the cell's
 * title (a tooltip on screen) and in the appendix (on paper), each with what it names.
 */
import { escapeHtml } from './escape';

/** Long enough to tell a group's statements apart, short enough to fit a column. */
export const SHORT = 10;

/** The appendix's order: who, then what was decided, then how. */
const ORDER = ['member', 'proposal', 'close', 'vote', ''];

export class IdIndex {
  private readonly seen = new Map<string, string>();

  /** An id's cell: short, with the full id in its title; noted for the appendix. */
  cell(id: string | undefined, what: string): string {
    if (id === undefined || id === '') return '';
    if (!this.seen.has(id)) this.seen.set(id, what);
    return `<span class="id" title="${escapeHtml(id)}">${escapeHtml(id.slice(0, SHORT))}</span>`;
  }

  /** Every id the report showed, by what it names and then by id. */
  appendix(): string {
    const rank = (what: string): number => ORDER.findIndex((o) => what.startsWith(o));
    const rows = [...this.seen]
      .sort(([a, wa], [b, wb]) => rank(wa) - rank(wb) || (a < b ? -1 : 1))
      .map(
        ([id, what]) =>
          `<tr><td class="id">${escapeHtml(id.slice(0, SHORT))}</td><td class="full">${escapeHtml(id)}</td><td>${escapeHtml(what)}</td></tr>`,
      )
      .join('\n');
    return `<section class="part appendix" aria-labelledby="ids">
<h2 id="ids">Appendix: full ids (${this.seen.size})</h2>
<p>The tables print each id by its first ${SHORT} characters. Here is each in full, as
<code>steward show</code> and <code>steward verify</code> name it.</p>
<table class="ids">
<colgroup><col class="c-short"><col class="c-full"><col></colgroup>
<thead><tr><th scope="col">Short</th><th scope="col">Full id</th><th scope="col">What it names</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
  }
}
