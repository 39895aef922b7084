// Only for `npm run bench`: nothing to render on the server.
export const ssr = false;
