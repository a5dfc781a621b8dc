export { directoryScope } from './access';
export { DirectoryScreen } from './DirectoryScreen';
export type { DirectorySlots } from './slots';
