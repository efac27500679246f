// The JavaScript examples of this binding's README.md and of the project's README.md run as written.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const binding = require('../index.js')
const localRequire = (name) => (name === 'envoi' ? binding : require(name))

const readmes = [join(here, '..', 'README.md'), join(here, '..', '..', 'README.md')]
for (const readme of readmes) {
  const blocks = [...readFileSync(readme, 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])
  test(`${readme} has JavaScript examples`, () => {
    assert.ok(blocks.length >= 1)
  })
  blocks.forEach((source, index) => {
    test(`${readme} example ${index + 1} runs`, () => {
      // A later block may use names an earlier block imported: the exports are in scope too.
      const names = Object.keys(binding)
      const body = `{\n${source}\n}`
      new Function('require', ...names, body)(localRequire, ...names.map((name) => binding[name]))
    })
  })
}
