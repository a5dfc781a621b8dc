import { useQuery } from '@tanstack/react-query';

import type { DemoInfo } from './bindings';
import { call } from './invoke';

/** Non-null when the app runs on its built-in demo platform. */
export const demoInfo = () => call<DemoInfo | null>('demo_info');

export const useDemoInfo = () => useQuery({ queryKey: ['demo'], queryFn: demoInfo, staleTime: Infinity });
