// Expands card templates with the official engine (npm adaptivecards-templating), for TemplateParityTests.
// stdin: [{ "template": {...}, "data": {...} }, ...]  stdout: [expanded card, ...]
const ACData = require('adaptivecards-templating');
let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const cards = JSON.parse(input).map(({ template, data }) => new ACData.Template(template).expand({ $root: data }));
  process.stdout.write(JSON.stringify(cards));
});
