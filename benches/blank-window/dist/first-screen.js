// The page is its own first screen: report it two frames after the first paint, as the app
// does (ui/src/ipc/app.ts reportFirstScreen), so both traces end at the same kind of mark.
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    window.__TAURI_INTERNALS__.invoke('first_screen_painted').catch(() => {});
  }),
);
