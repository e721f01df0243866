// A horizontal bar chart (Chart.js, loaded only by the pages that draw one). The canvas is
// hidden from assistive technology: the same figures are always in a table next to it.
import { useEffect, useRef } from 'preact/hooks';

export interface Series {
  label: string;
  values: number[];
  color: string;
}

export function BarChart({ labels, series, max, percent }: { labels: string[]; series: Series[]; max?: number; percent?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    import('chart.js').then(({ Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip }) => {
      if (cancelled || !canvas.current) return;
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })) },
        options: {
          indexAxis: 'y',
          animation: false,
          maintainAspectRatio: false,
          locale: 'vi-VN',
          scales: {
            x: {
              min: 0,
              max,
              ticks: { callback: (v) => (percent ? `${v}%` : String(v)) },
            },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [JSON.stringify(labels), JSON.stringify(series)]);
  return (
    <div class="chart" style={{ height: `${Math.max(12, labels.length * series.length * 1.6 + 5)}rem` }} aria-hidden="true">
      <canvas ref={canvas} />
    </div>
  );
}
