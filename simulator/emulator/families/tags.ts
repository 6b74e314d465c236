import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext, Stored } from '../context';
import { inUse, notFound, PersonalizeError } from '../personalize-error';
import { checkTags } from '../validation';
import { Handlers } from './handler';

/** Source: API_UntagResource, TooManyTagKeysException ("50 tag keys per resource"); API_TagResource, TooManyTagsException. */
const MAX_TAGS = 50;

/** The stored resource of an ARN, of any kind. */
function resourceOf(ctx: EmulatorContext, arn: string | undefined): Stored<unknown> {
  for (const store of ctx.allStores) {
    if (ctx.exists(store, arn ?? '')) return ctx.get(store, arn, 'resource');
  }
  throw notFound('resource', String(arn));
}

/** The tags a Create* call gave, kept for ListTagsForResource (source: each Create* API reference, `tags`). */
export function recordCreateTags(ctx: EmulatorContext, request: Record<string, unknown>, response: unknown): void {
  const tags = request.tags as P.Tag[] | undefined;
  if (!Array.isArray(tags) || typeof response !== 'object' || response === null) return;
  const arn = Object.entries(response).find(([key, value]) => key.endsWith('Arn') && typeof value === 'string')?.[1] as string | undefined;
  if (arn) ctx.tags.set(arn, new Map(tags.map((t) => [t.tagKey!, t.tagValue ?? ''])));
}

/**
 * Tags of any resource: API_TagResource (adds, or replaces the value of a key it has), API_UntagResource (removes keys;
 * a key the resource does not have is ignored: strict reading, the docs are silent), API_ListTagsForResource. A resource
 * that is being created or deleted answers ResourceInUseException (strict: the error is in each operation's list,
 * without saying when); DescribeX never returns tags.
 */
export function tagHandlers(ctx: EmulatorContext): Handlers {
  const settled = (arn: string | undefined): Stored<unknown> => {
    const resource = resourceOf(ctx, arn);
    if (resource.deletedAt !== undefined || (resource.lifecycle && !resource.lifecycle.settled)) {
      throw inUse(`The resource ${resource.arn} is ${ctx.statusOf(resource)}: its tags can change once it is ACTIVE.`);
    }
    return resource;
  };
  const tagsOf = (arn: string) => ctx.tags.get(arn) ?? new Map<string, string>();
  return {
    TagResource: (r: P.TagResourceRequest): P.TagResourceResponse => {
      const resource = settled(r.resourceArn);
      checkTags(r.tags);
      const next = new Map(tagsOf(resource.arn));
      for (const tag of r.tags ?? []) next.set(tag.tagKey!, tag.tagValue ?? '');
      if (next.size > MAX_TAGS) throw new PersonalizeError('TooManyTagsException', `A resource can have at most ${MAX_TAGS} tags.`);
      ctx.tags.set(resource.arn, next);
      return {};
    },
    UntagResource: (r: P.UntagResourceRequest): P.UntagResourceResponse => {
      const resource = settled(r.resourceArn);
      if ((r.tagKeys ?? []).length > MAX_TAGS) throw new PersonalizeError('TooManyTagKeysException', `At most ${MAX_TAGS} tag keys per request.`);
      const next = new Map(tagsOf(resource.arn));
      for (const key of r.tagKeys ?? []) next.delete(key);
      ctx.tags.set(resource.arn, next);
      return {};
    },
    ListTagsForResource: (r: P.ListTagsForResourceRequest): P.ListTagsForResourceResponse => {
      const resource = resourceOf(ctx, r.resourceArn);
      return { tags: [...tagsOf(resource.arn)].map(([tagKey, tagValue]) => ({ tagKey, tagValue })) };
    },
  };
}
