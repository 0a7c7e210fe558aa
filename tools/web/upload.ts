/** One receipt through the local API as a client sends it: create, presigned POST, wait until it settles. */
export async function uploadAndSettle(
  apiUrl: string,
  token: string,
  file: { bytes: Uint8Array; name: string; contentType: string },
  timeoutMs = 90_000,
): Promise<{ id: string; status: string }> {
  const headers = { Authorization: token, 'Content-Type': 'application/json' };
  const created = (await (
    await fetch(`${apiUrl}/receipts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ contentType: file.contentType, fileName: file.name }),
    })
  ).json()) as { id: string; upload: { url: string; fields: Record<string, string> } };
  const form = new FormData();
  for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
  form.append('file', new Blob([file.bytes], { type: file.contentType }), file.name);
  const uploaded = await fetch(created.upload.url, { method: 'POST', body: form });
  if (!uploaded.ok) throw new Error(`upload refused: HTTP ${uploaded.status}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const receipt = (await (await fetch(`${apiUrl}/receipts/${created.id}`, { headers })).json()) as {
      status: string;
    };
    if (['COMPLETED', 'FAILED', 'REVIEWED'].includes(receipt.status)) return { id: created.id, ...receipt };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`receipt ${created.id} did not settle within ${timeoutMs} ms`);
}
