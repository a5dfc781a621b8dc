// The built-in demo platform (src-tauri/src/commands/demo.rs).
import { queryOptions, useQuery } from '@tanstack/react-query';

import type { DemoInfo } from './bindings';
import { call } from './invoke';

/** Non-null when the app runs on its built-in demo platform. */
export const demoInfo = () => call<DemoInfo | null>('demo_info');

/** Fixed for a run of the app, so read once. */
export const demoInfoQuery = () => queryOptions({ queryKey: ['demo'], queryFn: demoInfo, staleTime: Infinity });

export const useDemoInfo = () => useQuery(demoInfoQuery());
