import { CandlestickChart, LineChart, MapChart, ScatterChart, BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, AriaComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// What the maps and the analyst's charts draw beyond the Overzicht's own chart types.
echarts.use([MapChart, ScatterChart, CandlestickChart, LineChart, BarChart, VisualMapComponent, MarkLineComponent, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/** Registers a map's shapes under a name that changes with them, so a new import is drawn anew. */
export function registerWijkMap(name: string, geoJson: object): string {
  echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
  return name;
}
