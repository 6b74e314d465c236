import { PersonalizeClient } from '@aws-sdk/client-personalize';

const clients = new Map<string, PersonalizeClient>();

/**
 * One Personalize client per endpoint, reused by warm invocations. The endpoint comes from
 * AWS_ENDPOINT_URL_PERSONALIZE (the SDK reads it), empty in AWS; local runs point each run at the emulator.
 */
export function personalizeClient(): PersonalizeClient {
  const endpoint = process.env.AWS_ENDPOINT_URL_PERSONALIZE ?? '';
  let client = clients.get(endpoint);
  if (!client) {
    client = new PersonalizeClient({});
    clients.set(endpoint, client);
  }
  return client;
}
