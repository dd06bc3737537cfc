// The ECharts modules the portal draws with, and nothing else: `make vendor` bundles this file from
// the npm package's tree-shakable modules into portal/static/vendor/echarts.min.js (window.echarts).
// Chart types used: bar and line (portal/views/charts.py, nlq answers, comparison small multiples),
// radar (/compare). Add a type or component here, then run `make vendor` and commit the result.
import * as echarts from "echarts/core";
import { BarChart, LineChart, RadarChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  LegendScrollComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, RadarChart, AriaComponent, GridComponent, LegendComponent,
  LegendScrollComponent, RadarComponent, TitleComponent, TooltipComponent, SVGRenderer]);

window.echarts = echarts;
