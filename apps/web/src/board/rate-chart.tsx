// Residents helped per 10 minutes across the day, drawn with uPlot (a small canvas chart library made
// for live time series): one chart for the screen's life, its data replaced on every delta, so the
// page's DOM and memory stay the same size however long the day.
import { type Component, createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { rateSeries } from './rate-series';

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const RateChart: Component<{ buckets: readonly number[]; nowMinute: () => number; label: string }> = (props) => {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  let shownFontPx = 0;

  const build = () => {
    plot?.destroy();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    shownFontPx = rem;
    const styles = getComputedStyle(host);
    const ink = styles.getPropertyValue('--board-muted').trim() || '#9fb3d1';
    const bar = styles.getPropertyValue('--board-accent').trim() || '#ffd54a';
    const grid = styles.getPropertyValue('--board-grid').trim() || 'rgba(255,255,255,0.12)';
    const font = `600 ${Math.round(rem * 0.8)}px "Be Vietnam Pro", system-ui, sans-serif`;
    const options: uPlot.Options = {
      width: Math.max(100, host.clientWidth),
      height: Math.max(80, host.clientHeight),
      legend: { show: false },
      cursor: { show: false },
      padding: [rem * 0.5, rem * 0.5, 0, 0],
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] } },
      axes: [
        {
          stroke: ink,
          font,
          size: rem * 1.8,
          gap: rem * 0.3,
          grid: { show: false },
          ticks: { show: false },
          splits: (_u, _i, min, max) => {
            const out: number[] = [];
            for (let m = Math.ceil(min / 120) * 120; m <= max; m += 120) out.push(m);
            return out;
          },
          values: (_u, splits) => splits.map(clock),
        },
        {
          stroke: ink,
          font,
          // As wide as its longest label ("1.000.000" on a province's day), so none is cut.
          size: (_u, values) => rem * 0.8 + Math.max(2, ...(values ?? []).map((v) => String(v).length)) * rem * 0.5,
          gap: rem * 0.3,
          grid: { stroke: grid, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? new Intl.NumberFormat('vi-VN').format(v) : '')),
        },
      ],
      series: [{}, { label: props.label, fill: bar, stroke: bar, width: 0, paths: uPlot.paths.bars!({ size: [0.8, Infinity], gap: 1 }), points: { show: false } }],
    };
    plot = new uPlot(options, rateSeries(props.buckets, props.nowMinute()), host);
  };

  onMount(() => {
    build();
    // The screen changes size rarely (a TV that wakes in another mode): fit the canvas; a new root
    // font size (another resolution) redraws the axes with it.
    const resize = new ResizeObserver(() => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      if (rem !== shownFontPx) build();
      else plot?.setSize({ width: Math.max(100, host.clientWidth), height: Math.max(80, host.clientHeight) });
    });
    resize.observe(host);
    onCleanup(() => {
      resize.disconnect();
      plot?.destroy();
      plot = undefined;
    });
  });

  createEffect(() => {
    const data = rateSeries(props.buckets, props.nowMinute());
    plot?.setData(data);
  });

  return <div class="board-rate__chart" ref={host} role="img" aria-label={props.label} data-testid="rate-chart" />;
};
