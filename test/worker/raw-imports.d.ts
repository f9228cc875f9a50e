/** Vite's `?raw` imports: a file's text (test/worker/deployment.test.ts reads .dev.vars.example). */
declare module '*?raw' {
  const text: string;
  export default text;
}
