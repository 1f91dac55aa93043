import { ModelText } from './ModelText.jsx'

/** The execution report the flow writes once the plan is approved (streamed while executing). */
export function ExecutionReport({ plan, status }) {
  if (status !== 'executing' && status !== 'done' && typeof plan.metadata.report !== 'string') return null
  const usage = plan.metadata.usage
  return (
    <section className="report" aria-label="Result">
      <h2>{status === 'done' ? 'Result' : 'Carrying out the plan…'}</h2>
      <ModelText text={plan.metadata.report ?? ''} className="plan-text report-text" testId="report" streaming={status === 'executing'}>
        {status === 'executing' && <span className="caret" aria-hidden="true" />}
      </ModelText>
      {usage && (
        <p className="muted small">
          {usage.inputTokens} tokens in · {usage.outputTokens} tokens out
        </p>
      )}
    </section>
  )
}
