// The login's token pair (kept in sessionStorage, so it ends with the tab) and its refresh.

const TOKENS_KEY = "emodal-agent.tokens";

export const tokens = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(TOKENS_KEY) || "null");
    } catch {
      return null;
    }
  },
  set(pair) {
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify({
      access_token: pair.access_token, refresh_token: pair.refresh_token,
    }));
  },
  clear() {
    sessionStorage.removeItem(TOKENS_KEY);
  },
};

// Each refresh token works once, so concurrent 401s share one refresh: this is the one in flight.
let refreshing = null;

/** Trade the refresh token for a new pair; resolves false when the login cannot be refreshed. */
export function refreshTokens() {
  if (!refreshing) {
    refreshing = (async () => {
      const current = tokens.get();
      if (!current || !current.refresh_token) return false;
      try {
        const response = await fetch("/auth/refresh", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ refresh_token: current.refresh_token }),
        });
        if (!response.ok) return false;
        tokens.set(await response.json());
        return true;
      } catch {
        return false;
      }
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}
