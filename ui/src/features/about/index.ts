export { AboutDialog } from './AboutDialog';
