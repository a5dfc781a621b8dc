export type { DirectoryFilterRequest } from './data';
export { isoDate } from './data';
export { OverviewCharts, type OverviewLinks } from './OverviewCharts';
