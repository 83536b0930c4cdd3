/// <reference types="vite/client" />

// ECharts ships its Dutch texts as a UMD file without types.
declare module 'echarts/i18n/langNL-obj.js' {
  const locale: Parameters<typeof import('echarts/core').registerLocale>[1];
  export default locale;
}
