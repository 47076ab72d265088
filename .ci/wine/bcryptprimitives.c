/* Test set-up only, never shipped: Debian's Wine 8 has no ProcessPrng in
 * bcryptprimitives.dll, which Rust's standard library calls for random
 * numbers (HashMap keys, temporary file names). Placed beside a test exe, this
 * stand-in fills the buffer from RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has. Real Windows 10/11 ship ProcessPrng and never load this. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
