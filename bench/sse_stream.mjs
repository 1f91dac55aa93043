// The OpenAI-style SSE stream the SSE benchmarks parse: `tokens` content chunks, then usage and [DONE].

/** @returns {string} */
export function openAiStream(tokens) {
  const parts = []
  const chunk = (delta, finish = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
  parts.push(chunk({ role: 'assistant', content: '' }))
  for (let i = 0; i < tokens; i++) parts.push(chunk({ content: i % 7 === 0 ? ' wörld' : ` tok${i % 100}` }))
  parts.push(chunk({}, 'stop'))
  parts.push(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 5, completion_tokens: tokens, total_tokens: tokens + 5 } })}\n\n`)
  parts.push('data: [DONE]\n\n')
  return parts.join('')
}
