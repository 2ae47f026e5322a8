# Mensajes de puente, español (México). Cada id debe existir también en en-US, con las mismas
# variables (una prueba lo verifica). Frases en minúscula, sin punto final, que nombran el
# archivo o el segmento del que hablan.

## Ayuda

cli-about = El flujo de trabajo entre las ediciones en inglés y en español de una noticia
cli-usage-heading = Uso
cli-commands-heading = Comandos
cli-options-heading = Opciones
cli-arguments-heading = Argumentos
cli-help = Muestra la ayuda
cli-version = Muestra la versión
cli-ui-lang = Idioma de los mensajes de puente (en-US, es-MX); por omisión, el de PUENTE_UI_LANG, LC_ALL, LC_MESSAGES o LANG
cli-after-help = Códigos de salida: 0 bien, 1 hallazgos (check) o segmentos pendientes (merge), 2 error.
cli-help-command = Muestra este mensaje o la ayuda del comando indicado

cmd-import = Convierte un artículo extraído de la web en texto plano en un artículo Markdown canónico
cmd-split = Muestra los segmentos de un texto, uno por línea
cmd-segment = Escribe el archivo de trabajo (PO o XLIFF) para traducir un artículo
cmd-merge = Reconstruye el artículo traducido a partir de un archivo de trabajo y su fuente
cmd-init = Escribe un puente.toml comentado en la carpeta actual

arg-import-input = El artículo extraído (texto plano), o - para la entrada estándar
arg-output = Dónde escribir (por omisión: ver la descripción del comando)
arg-import-output = Dónde escribir el artículo (por omisión: la salida estándar)
arg-lang = Idioma del texto (en, es)
arg-keep-all = Conserva todas las líneas: no descarta elementos de página
arg-split-input = El texto que se va a dividir, o - para la entrada estándar (por omisión)
arg-format-data = Formato de salida
arg-article = El artículo fuente (.md con front matter, o .txt)
arg-to = Idioma de destino (por omisión: el del proyecto, o el otro de en/es)
arg-from = Idioma de origen (por omisión: el del front matter, o el del proyecto, o en)
arg-workfile-format = Formato del archivo de trabajo
arg-segment-output = Dónde escribir el archivo de trabajo (por omisión: junto al artículo, ARTÍCULO.IDIOMA.po)
arg-workfile = El archivo de trabajo (.po o .xlf)
arg-merge-output = Dónde escribir el artículo traducido (por omisión: el nombre de la fuente con el idioma de destino)
arg-draft = Combina aunque haya segmentos sin traducir o sin revisar: conservan el texto fuente
arg-force = Sobrescribe un archivo existente

## Resultados

import-dropped = línea { $line } descartada: { $text }
import-related = línea { $line } movida a los enlaces relacionados: { $text }
import-done = se escribió { $path }: { $blocks } bloques, { $dropped ->
    [one] 1 línea descartada
   *[other] { $dropped } líneas descartadas
}
segment-done = se escribió { $path }: { $segments } segmentos en { $blocks } bloques
segment-carried = se conservaron { $count } traducciones existentes de { $path }
merge-done = se escribió { $path }: { $translated } de { $total } segmentos traducidos
merge-draft = { $count ->
    [one] 1 segmento conservó su texto fuente (borrador)
   *[other] { $count } segmentos conservaron su texto fuente (borrador)
}
merge-refused = { $count ->
    [one] 1 segmento no está listo: merge necesita todos los segmentos traducidos y revisados
   *[other] { $count } segmentos no están listos: merge necesita todos los segmentos traducidos y revisados
}
merge-pending-item = { $id } ({ $source }:{ $line }): { $reason }
merge-more = … y { $count } más
merge-hint-draft = usa --draft para combinar de todos modos; los segmentos pendientes conservan el texto fuente
reason-untranslated = sin traducir
reason-fuzzy = difuso (sin revisar)
reason-missing = no está en el archivo de trabajo
reason-placeholder = marcadores que no coinciden: { $detail }
init-done = se escribió { $path }
init-exists = { $path } ya existe
init-hint = usa --force para sobrescribirlo

## Errores

error-prefix = error
hint-prefix = sugerencia
err-not-found = { $path } no existe
err-is-dir = { $path } es una carpeta, no un archivo
err-permission = no se puede leer { $path }: permiso denegado
err-read = no se puede leer { $path }: { $reason }
err-write = no se puede escribir { $path }: { $reason }
err-not-utf8 = { $path } no es UTF-8 válido (byte { $offset })
hint-not-utf8 = conviértelo antes, por ejemplo: iconv -f WINDOWS-1252 -t UTF-8 { $path } > corregido.txt
err-utf16 = { $path } está en UTF-16, no en UTF-8
hint-utf16 = conviértelo antes: iconv -f UTF-16 -t UTF-8 { $path } > corregido.txt
err-nul = { $path } contiene un byte NUL en la posición { $offset }: parece un archivo binario
err-empty = { $path } está vacío
err-front-matter = { $path }:{ $line }: { $reason }
fm-unclosed = el front matter nunca se cierra (falta el --- o +++ final)
fm-unclosed-quote = a un valor entre comillas le falta la comilla de cierre
fm-multi-line = el front matter no admite valores de varias líneas
hint-front-matter = escribe cada valor en una sola línea, entre comillas si lleva dos puntos
fm-toml = TOML no válido: { $reason }
err-po = { $path }:{ $line }:{ $column }: { $reason }
po-unterminated = cadena sin cerrar
po-bad-escape = secuencia de escape desconocida
po-unexpected = texto inesperado
po-orphan = continuación de cadena sin palabra clave
po-no-msgid = entrada sin msgid
err-xliff = { $path }:{ $line }:{ $column }: { $reason }
err-not-workfile = { $path } no indica su artículo fuente
hint-not-workfile = merge necesita un archivo de trabajo escrito por puente segment (su encabezado indica la fuente y su suma de verificación)
err-source-missing = la fuente { $source } indicada por { $path } no existe
hint-source-missing = restaura la fuente o vuelve a ejecutar puente segment sobre el artículo
err-source-changed = { $source } cambió desde que se escribió { $path } (la suma de verificación no coincide)
hint-source-changed = vuelve a ejecutar puente segment { $source } -o { $path }: las traducciones existentes se conservan
err-lang = idioma desconocido: { $value }
hint-lang = usa en o es
err-output-is-source = { $path } es el artículo fuente; escribir ahí lo destruiría
hint-output-is-source = elige otro archivo con -o
err-same-lang = el idioma de origen y el de destino son ambos { $lang }
err-config = { $path }: { $reason }
err-ui-lang = puente no habla { $value }; se usará el inglés
err-stdin-workfile = no se puede escribir el archivo de trabajo en la salida estándar con este formato

## Glosario

cmd-glossary = Trabaja con el glosario y el registro de citas
cmd-glossary-lint = Revisa el glosario: formas duplicadas, contradictorias, vacías y prohibidas
arg-glossary-path = Un archivo o una carpeta de glosario (por omisión: la carpeta de glosario del proyecto)
lint-error = error
lint-invalid-toml = TOML no válido: { $reason }
lint-unknown-language = código de idioma desconocido: { $lang } (se esperaba en o es)
lint-empty-form = { $entry }: una forma vacía ({ $lang })
lint-duplicate-form = { $entry }: la forma { $lang } «{ $form }» también está en { $other }
lint-conflicting-targets = { $entry }: la forma { $lang } «{ $form }» se traduce de otro modo en { $other }
lint-required-and-forbidden = { $entry }: la forma { $lang } «{ $form }» está prohibida aquí pero { $other } la exige
lint-name-forms-differ = { $entry }: un nombre debe ser igual en ambos idiomas (en: { $en }; es: { $es })
lint-clean = { $files } archivos de glosario, { $terms } términos, { $quotes } citas: sin hallazgos
lint-summary = { $count ->
    [one] 1 hallazgo
   *[other] { $count } hallazgos
}
