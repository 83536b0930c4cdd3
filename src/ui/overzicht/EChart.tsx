import { BarChart, LineChart, SunburstChart } from 'echarts/charts';
import { AriaComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

// Only what the Overzicht draws, so the bundle carries no unused chart types.
echarts.use([BarChart, LineChart, SunburstChart, AriaComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartHandle = { png(): string };

/** One ECharts chart; `label` is what a screen reader hears, the option is drawn as given. */
export function EChart({ option, label, ref }: { option: echarts.EChartsCoreOption; label: string; ref?: Ref<ChartHandle> }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'canvas', locale: 'EN' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
  }, [option]);

  useImperativeHandle(ref, () => ({ png: () => chart.current!.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) }), []);

  return <div className="chart" ref={element} role="img" aria-label={label} />;
}
