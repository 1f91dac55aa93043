// The prompt templates of the writer flow ({{name}} is filled by generate from its input).

export const planPrompt = `Write a plan for: {{brief}}

Title: {{title}}
Give numbered steps, each with a short explanation.`

export const executePrompt = `Carry out the plan below and write an execution report of what was done.

Title: {{title}}
Revisions: {{revisions}}

{{plan}}`
