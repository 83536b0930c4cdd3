import { BarChart, LineChart, SunburstChart } from 'echarts/charts';
import { AriaComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import langNL from 'echarts/i18n/langNL-obj.js';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

// Only what the Overzicht draws, so the bundle carries no unused chart types.
echarts.use([BarChart, LineChart, SunburstChart, AriaComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
// What ECharts says to a screen reader (the description of the series and data) in Dutch.
echarts.registerLocale('NL', langNL);

export type ChartHandle = { png(): string };

/** One ECharts chart; `label` is what a screen reader hears, the option is drawn as given. */
export function EChart({ option, label, ref }: { option: echarts.EChartsCoreOption; label: string; ref?: Ref<ChartHandle> }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'canvas', locale: 'NL' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    // ECharts replaces the element's aria-label with its description: the chart's name leads it,
    // then the option's own Dutch description of the figures (ECharts' own reads "zijn 0, 128220.31").
    const own = (option as { aria?: { label?: { description?: string } } }).aria?.label?.description;
    const aria = { enabled: true, label: own ? { description: `Diagram: ${label}. ${own}` } : { general: { withoutTitle: `Diagram: ${label}` } } };
    chart.current?.setOption({ animation: false, ...option, aria }, true);
  }, [option, label]);

  useImperativeHandle(ref, () => ({ png: () => chart.current!.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) }), []);

  return <div className="chart" ref={element} role="img" aria-label={label} />;
}
