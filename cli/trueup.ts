// The trueup command line (docs/billing-rules.md#workspace-document): prints a result as JSON on stdout, or exits
// non-zero with every problem on stderr and nothing on stdout.
import { ValidationError } from '../shared/schema/issues.ts';
import { CannotReadFile, TextOutput, UsageError } from './command.ts';
import { COMMANDS } from './commands/index.ts';

function usage(): string {
  return 'usage:\n' + Object.values(COMMANDS).map((c) => `  npm run trueup -- ${c.usage}`).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command "${name}"\n` : ''}${usage()}\n`);
    return 2;
  }
  try {
    const result = await command.run(args);
    if (result instanceof TextOutput) process.stdout.write(result.text.endsWith('\n') ? result.text : `${result.text}\r\n`);
    else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof CannotReadFile) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: npm run trueup -- ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
