// Applies a saved theme before first paint (a classic script in <head>, so no flash of the
// other theme). Without a saved choice the stylesheet follows prefers-color-scheme.
try {
  const saved = localStorage.getItem("finews-theme");
  if (saved === "light" || saved === "dark") document.documentElement.dataset.theme = saved;
} catch {
  // Storage can be blocked (privacy settings, sandboxed frames): the system theme applies.
}
