import type { ActionContext, ActionExecutor, ActionRequest } from '../../contract/ActionExecutor.js';

/** Core's `set` action: writes its params into the call's vars. */
export class SetActionExecutor implements ActionExecutor {
  readonly action = 'set';

  execute(request: ActionRequest, context: ActionContext): unknown {
    context.setVars(request.params);
    return request.params;
  }
}
