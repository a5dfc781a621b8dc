// src/app mounts the charts from OverviewCharts.tsx while the Overview tab is shown.
export type { DirectoryFilterRequest } from './data';
export { isoDate } from './data';
export type { OverviewLinks } from './OverviewCharts';
