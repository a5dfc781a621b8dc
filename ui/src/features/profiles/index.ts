// Profiles in the window: the first run, managing profiles, the editor, and import.
export { FirstRun } from './FirstRun';
export { PendingImport } from './ImportConfirm';
export { ManageProfiles } from './ManageProfiles';
