// The charts themselves (OverviewCharts.tsx) are not exported here: src/app loads them lazily,
// so the charts library is read when the Overview is first shown, not at startup.
export type { DirectoryFilterRequest } from './data';
export { isoDate } from './data';
export type { OverviewLinks } from './OverviewCharts';
