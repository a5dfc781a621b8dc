// Imported first by main.tsx, so it runs before any other module of the window: from then on no
// code can pollute Object.prototype (tauri.conf.json's `freezePrototype` is off in its favour).
import { freezeAllowingOverrides } from './prototype';

freezeAllowingOverrides(Object.prototype);
