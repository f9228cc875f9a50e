/** What vitest's globalSetup files provide to the worker tests (`inject(...)` in a test). */
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local Web Push service (test/worker/push-service.ts), `http://localhost:PORT`. */
    pushService: string;
    /** The local Twilio- and Postmark-compatible API (test/worker/twilio-service.ts) and its credentials. */
    twilioService: { url: string; accountSid: string; authToken: string; emailToken: string };
    /** The local webhook receiver (test/worker/webhook-receiver.ts), `http://localhost:PORT`. */
    webhookReceiver: string;
  }
}
