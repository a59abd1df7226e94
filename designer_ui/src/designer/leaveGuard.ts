/**
 * "Leave with unsaved changes?" for in-app (hash) navigation.
 *
 * Browsers fire `popstate` before `hashchange` for link clicks, `location.hash`
 * changes and back/forward alike. Putting the page's own address back during
 * `popstate` makes the navigation a no-op: no `hashchange` follows, so the app's
 * router never sees it.
 */

/** Ask `confirmLeave` before any hash navigation away from the current address; returns the undo. */
export function guardLeaving(confirmLeave: () => boolean): () => void {
  const here = window.location.href;
  const onPopState = () => {
    if (window.location.href === here || confirmLeave()) return;
    window.history.replaceState(window.history.state, "", here);
  };
  window.addEventListener("popstate", onPopState);
  return () => {
    window.removeEventListener("popstate", onPopState);
  };
}
