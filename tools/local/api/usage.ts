/** What `pnpm start` prints about the API once ready: the URL, a token, and a curl flow that works as printed. */
export function apiUsage(
  local: { apiUrl: string; token: string; userId: string },
  localJsonPath: string,
): string {
  return `
REST API  ${local.apiUrl}   (OpenAPI: ${local.apiUrl}/openapi.json)
  token for user "${local.userId}" (also in ${localJsonPath}; another user: pnpm api-token bob):
  ${local.token}

Create -> upload -> poll -> correct (needs curl and jq):
  API=${local.apiUrl}; TOKEN=$(jq -r .token ${localJsonPath})
  curl -s -X POST $API/receipts -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
       -d '{"contentType":"image/jpeg","fileName":"receipt.jpg"}' > created.json
  curl -s $(jq -r '.upload.fields | to_entries[] | "--form-string \\(.key)=\\(.value)"' created.json) \\
       -F file=@receipt.jpg $(jq -r .upload.url created.json)
  curl -s $API/receipts/$(jq -r .id created.json) -H "Authorization: Bearer $TOKEN" > receipt.json
  jq '{status, version, effective}' receipt.json        # repeat the GET until status is COMPLETED
  # or, instead of repeating it, wait for the event (started before the upload, in another terminal):
  curl -sN $API/local/events -H "Authorization: Bearer $TOKEN"   # event: ReceiptSettled, data: {receiptId, status, ...}
  curl -s -X PATCH $API/receipts/$(jq -r .id receipt.json) -H "Authorization: Bearer $TOKEN" \\
       -H 'Content-Type: application/json' -H "If-Match: \\"$(jq .version receipt.json)\\"" \\
       -d '{"fields":{"total":"12.50"}}' | jq '{status, version, correctedFields, effective}'
  (docs/api.md has every route, the errors and the auth details.)
`;
}
