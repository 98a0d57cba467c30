// The one wrapper every route handler goes through: zod parsing of params and query, and error mapping.
// Unexpected errors are logged on the server and answered with a generic 500.
import type { z } from 'zod';
import { AppError, errorBody, toAppError } from '../errors';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Spec<P extends z.ZodType, Q extends z.ZodType> = { params?: P; query?: Q };

type HandlerArgs<P extends z.ZodType, Q extends z.ZodType> = {
  request: Request;
  params: z.infer<P>;
  query: z.infer<Q>;
};

export function apiRoute<P extends z.ZodType = z.ZodType<Record<string, never>>, Q extends z.ZodType = z.ZodType<Record<string, never>>>(
  spec: Spec<P, Q>,
  handler: (args: HandlerArgs<P, Q>) => Promise<Response | object>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const rawParams = (await context.params) ?? {};
      const params = spec.params ? spec.params.parse(rawParams) : {};
      const url = new URL(request.url);
      const query = spec.query ? spec.query.parse(Object.fromEntries(url.searchParams)) : {};
      const result = await handler({ request, params, query } as HandlerArgs<P, Q>);
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') console.error(`[api] ${request.method} ${new URL(request.url).pathname}`, error);
      return Response.json(errorBody(appError), { status: appError.status });
    }
  };
}

export { AppError };
