// A real Bluesky PDS (plus PLC) on loopback for the tests: @atproto/dev-env, pinned in package-lock.json.
// Prints one JSON line {pds, plc, accounts: [{handle, did, password}]} once ready, then runs until stdin closes.
import { TestNetworkNoAppView } from '@atproto/dev-env'

const [plcPort, pdsPort] = process.argv.slice(2).map(Number)
const network = await TestNetworkNoAppView.create({
  plc: { port: plcPort },
  pds: { port: pdsPort, hostname: 'localhost' },
})
const agent = network.pds.getClient()
const accounts = []
for (const name of ['film', 'fan', 'translated']) {  // translated: test_languages.py's own, apart from the others' posts
  const account = { handle: `${name}.test`, email: `${name}@example.com`, password: `${name}-app-password` }
  const { data } = await agent.com.atproto.server.createAccount(account)
  accounts.push({ handle: account.handle, did: data.did, password: account.password })
}
process.stdout.write(JSON.stringify({ pds: network.pds.url, plc: network.plc.url, accounts }) + '\n')

const stop = async () => { await network.close(); process.exit(0) }
process.stdin.on('end', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
