/** One bar of the timeline: a resource from its create call to ACTIVE, in seconds from the pipeline's start. */
export interface GanttBar {
  readonly section: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** On the critical path. */
  readonly crit: boolean;
}

/** `1h 02m 05s`, `20m`, `45s`: a duration for people. */
export function humanDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts = [h ? `${h}h` : '', m ? `${String(m).padStart(h ? 2 : 1, '0')}m` : '', rest ? `${String(rest).padStart(h || m ? 2 : 1, '0')}s` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0s';
}

/**
 * A Mermaid `gantt` chart of the bars, critical ones tagged `crit`. Times are seconds from the start (`dateFormat
 * X`, so the axis reads hours:minutes from 00:00 UTC; Mermaid draws it in the reader's time zone).
 */
export function mermaidGantt(title: string, bars: readonly GanttBar[]): string {
  const lines = ['```mermaid', 'gantt', `  title ${title.replace(/[:;#]/g, ' ')}`, '  dateFormat X', '  axisFormat %H:%M', '  todayMarker off'];
  let section: string | undefined;
  bars.forEach((bar, i) => {
    if (bar.section !== section) {
      section = bar.section;
      lines.push(`  section ${section}`);
    }
    // Mermaid splits a task line at `:`; a bar needs at least one second to be drawn.
    const label = `${bar.label.replace(/[:;#]/g, ' ')} (${humanDuration(bar.end - bar.start)})`;
    const end = Math.max(Math.round(bar.end), Math.round(bar.start) + 1);
    lines.push(`  ${label} :${bar.crit ? 'crit, ' : ''}b${i}, ${Math.round(bar.start)}, ${end}`);
  });
  lines.push('```');
  return lines.join('\n');
}
