/** The execution report the flow writes once the plan is approved (streamed while executing). */
export function ExecutionReport({ plan, status }) {
  if (status !== 'executing' && status !== 'done' && typeof plan.metadata.report !== 'string') return null
  const usage = plan.metadata.usage
  return (
    <section className="report" aria-label="Result">
      <h2>{status === 'done' ? 'Result' : 'Carrying out the plan…'}</h2>
      <pre className={`plan-text report-text${status === 'executing' ? ' streaming' : ''}`} data-testid="report">
        {plan.metadata.report ?? ''}
        {status === 'executing' && <span className="caret" aria-hidden="true" />}
      </pre>
      {usage && (
        <p className="muted small">
          {usage.inputTokens} tokens in · {usage.outputTokens} tokens out
        </p>
      )}
    </section>
  )
}
