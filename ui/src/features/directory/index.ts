export { directoryScope } from './access';
export { DirectoryScreen, type DirectoryRequest } from './DirectoryScreen';
export type { DirectorySlots } from './slots';
