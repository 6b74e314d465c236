import { toWire } from './case-conversion';
import { PersonalizeEmulator } from './personalize-emulator';
import { PersonalizeError } from './personalize-error';
import { FaceResponse, LoopbackServer } from '../loopback/loopback-server';

/**
 * Serves the emulator over HTTP as the real endpoint does (awsJson1_1: `POST /`, `X-Amz-Target:
 * AmazonPersonalize.<Operation>`, errors as `{"__type", "message"}`), so unmodified SDK code reaches it
 * through `AWS_ENDPOINT_URL_PERSONALIZE`. Listens on loopback only.
 */
export class PersonalizeHttpEndpoint extends LoopbackServer {
  constructor(emulator: PersonalizeEmulator) {
    super((request) => answer(emulator, String(request.headers['x-amz-target'] ?? ''), request.body));
  }
}

function answer(emulator: PersonalizeEmulator, target: string, body: string): FaceResponse {
  const operation = target.startsWith('AmazonPersonalize.') ? target.slice('AmazonPersonalize.'.length) : '';
  const send = (status: number, payload: unknown): FaceResponse => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(payload) });
  try {
    const request = body ? JSON.parse(body) : {};
    return send(200, toWire(emulator.call(operation, request)));
  } catch (error) {
    if (error instanceof PersonalizeError && error.options.clientSide) return { ...send(500, {}), resetConnection: true };
    if (error instanceof PersonalizeError) return send(error.httpStatus, { __type: error.errorName, message: error.message });
    return send(500, { __type: 'InternalFailure', message: (error as Error).message });
  }
}
