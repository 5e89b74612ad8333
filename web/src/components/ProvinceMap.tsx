// The 34 provincial units coloured by a value (Apache ECharts map). Boundaries come from
// /geo/vn-34.geojson (simplified by tools/build_geo34.sh), whose features carry the units'
// official names: values are matched to shapes by name. Decorative for screen readers: the
// ranking beside it lists the same values.
import { useEffect, useRef, useState } from "react";
import * as echarts from "echarts/core";
import { MapChart } from "echarts/charts";
import { TooltipComponent, VisualMapComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

let loading: Promise<void> | null = null;
function loadMap(): Promise<void> {
  loading ??= fetch("/geo/vn-34.geojson")
    .then((r) => r.json())
    .then((geo) => echarts.registerMap("vn34", geo));
  return loading;
}

export function ProvinceMap({ values, unit, height = 520 }: { values: { name: string; value: number }[]; unit: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadMap().then(() => setReady(true));
  }, []);
  useEffect(() => {
    if (!ready || !ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "canvas" });
    const nums = values.map((v) => v.value);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: (p: { name: string; value: number }) => `${p.name}: ${Number.isFinite(p.value) ? `${p.value} ${unit}` : "–"}` },
      visualMap: {
        min: nums.length ? Math.min(...nums) : 0,
        max: nums.length ? Math.max(...nums) : 100,
        left: 8,
        bottom: 8,
        calculable: false,
        inRange: { color: ["#fde7e7", "#f4a29a", "#b3261e"] },
      },
      series: [{ type: "map", map: "vn34", roam: false, data: values, emphasis: { label: { show: false } },
                 itemStyle: { areaColor: "#eeeeee", borderColor: "#888", borderWidth: 0.5 } }],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [ready, values, unit]);
  return <div ref={ref} className="province-map" style={{ width: "100%", height }} aria-hidden="true" />;
}
