import { FaceRequest, FaceResponse } from '../loopback/loopback-server';

/**
 * The AWS query protocol as CloudFormation and STS speak it (their SDK clients use `AwsQueryProtocol`): a form-encoded
 * `POST /` with `Action` and `Version`, an XML answer `<ActionResponse><ActionResult>…` and errors as
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error>` (source: AWS query protocol, Smithy `aws.protocols#awsQuery`).
 */
export function queryParameters(request: FaceRequest): URLSearchParams {
  return new URLSearchParams(request.body);
}

/** XML text with the five predefined entities escaped. */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<Name>value</Name>` for each defined entry; nested XML strings are taken as they are. */
export function xmlElements(entries: Record<string, string | undefined>, raw: readonly string[] = []): string {
  return Object.entries(entries)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `<${name}>${raw.includes(name) ? value : xmlText(value!)}</${name}>`)
    .join('');
}

/** A successful answer to `action`. */
export function queryResult(namespace: string, action: string, resultXml: string, requestId: string): FaceResponse {
  const body = `<${action}Response xmlns="${namespace}"><${action}Result>${resultXml}</${action}Result>`
    + `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, contentType: 'text/xml', body };
}

/** An error answer (`Sender` for the caller's faults). */
export function queryError(namespace: string, status: number, code: string, message: string, requestId: string): FaceResponse {
  const type = status < 500 ? 'Sender' : 'Receiver';
  const body = `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${xmlText(code)}</Code>`
    + `<Message>${xmlText(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, contentType: 'text/xml', body };
}
