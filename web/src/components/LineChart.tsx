// A line over periods (Apache ECharts), with targets drawn as points on their own series.
// Decorative for screen readers: the page lists the same figures in a table.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { LineChart as ELine, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([ELine, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: (number | null)[];
  kind: "line" | "points";
  color: string;
}

export function LineChart({ labels, series, height = 280 }: { labels: string[]; series: Series[]; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: labels },
      yAxis: { type: "value" },
      series: series.map((s) =>
        s.kind === "line"
          ? { type: "line", name: s.name, data: s.values, connectNulls: true, itemStyle: { color: s.color }, symbolSize: 7 }
          : { type: "scatter", name: s.name, data: s.values, itemStyle: { color: s.color }, symbol: "diamond", symbolSize: 12 },
      ),
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [labels, series]);
  return <div ref={ref} style={{ width: "100%", height }} aria-hidden="true" />;
}
