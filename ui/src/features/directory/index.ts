export { directoryScope } from './access';
export { DirectoryScreen } from './DirectoryScreen';
