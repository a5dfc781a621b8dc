// First: freezes Object.prototype before any other module runs (see the module).
import './lib/freezeObjectPrototype';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import { Providers, queryClient } from './app/Providers';
import { prefetchFirstScreen } from './ipc';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

prefetchFirstScreen(queryClient);
createRoot(root).render(
  <StrictMode>
    <Providers>
      <App />
    </Providers>
  </StrictMode>,
);
