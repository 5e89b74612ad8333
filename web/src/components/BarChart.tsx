// A horizontal bar chart (Apache ECharts, only the parts it needs, so that the bundle stays
// small). The chart is decorative for screen readers: every chart on a page has the same
// figures in a table or list beside it.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart as EBar } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([EBar, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({ bars, color = "#b3261e", height = 320 }: { bars: Bar[]; color?: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "canvas" });
    const ordered = [...bars].reverse(); // ECharts draws the first category at the bottom
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        data: ordered.map((b) => b.label),
        axisLabel: { width: 180, overflow: "truncate" },
      },
      series: [{ type: "bar", data: ordered.map((b) => b.value), itemStyle: { color }, label: { show: true, position: "right" } }],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [bars, color]);
  return <div ref={ref} style={{ width: "100%", height }} aria-hidden="true" />;
}
