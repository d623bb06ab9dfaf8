;; Training kernels that run inside the tfjs wasm backend's own heap: the module imports that
;; backend's memory, so tensors are read and written where they live, with no copies. Compiled by
;; scripts/build-wasm.ts into heapKernels.ts (bytes), which a test checks against this source.
;; Pointers are byte offsets into the imported memory (tfjs tensors are 4-byte aligned; SIMD
;; loads and stores here do not need more).
(module
  (import "env" "memory" (memory 1))

  ;; One Adam step over n floats, the arithmetic of tf.train.adam in the same order:
  ;;   m ← b1·m + a1·g;  v ← b2·v + a2·g²  (in place; a1 = 1 − b1, a2 = 1 − b2 rounded as tfjs does)
  ;;   out ← p + (−lr) · (m / c1) / (sqrt(v / c2) + eps),  c1 = 1 − b1^t, c2 = 1 − b2^t
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $out i32) (param $n i32)
    (param $lr f32) (param $b1 f32) (param $b2 f32) (param $a1 f32) (param $a2 f32) (param $c1 f32) (param $c2 f32) (param $eps f32)
    (local $q i32) (local $end i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $B1 v128) (local $B2 v128) (local $A1 v128) (local $A2 v128)
    (local $C1 v128) (local $C2 v128) (local $E v128) (local $L v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $A1 (f32x4.splat (local.get $a1)))
    (local.set $A2 (f32x4.splat (local.get $a2)))
    (local.set $C1 (f32x4.splat (local.get $c1)))
    (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $E (f32x4.splat (local.get $eps)))
    (local.set $L (f32x4.splat (f32.neg (local.get $lr))))
    ;; whole vectors: bytes [0, end)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $q))))
        (local.set $mv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $q))) (local.get $B1))
          (f32x4.mul (local.get $gv) (local.get $A1))))
        (local.set $vv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $q))) (local.get $B2))
          (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $A2))))
        (v128.store (i32.add (local.get $m) (local.get $q)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $q)) (local.get $vv))
        (v128.store (i32.add (local.get $out) (local.get $q))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $mv) (local.get $C1))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $C2))) (local.get $E)))
              (local.get $L))
            (v128.load (i32.add (local.get $p) (local.get $q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $vec)))
    ;; the last n % 4 floats one at a time
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done1
      (loop $tail
        (br_if $done1 (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $q))))
        (local.set $ms (f32.add
          (f32.mul (f32.load (i32.add (local.get $m) (local.get $q))) (local.get $b1))
          (f32.mul (local.get $gs) (local.get $a1))))
        (local.set $vs (f32.add
          (f32.mul (f32.load (i32.add (local.get $v) (local.get $q))) (local.get $b2))
          (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $a2))))
        (f32.store (i32.add (local.get $m) (local.get $q)) (local.get $ms))
        (f32.store (i32.add (local.get $v) (local.get $q)) (local.get $vs))
        (f32.store (i32.add (local.get $out) (local.get $q))
          (f32.add
            (f32.mul
              (f32.div
                (f32.div (local.get $ms) (local.get $c1))
                (f32.add (f32.sqrt (f32.div (local.get $vs) (local.get $c2))) (local.get $eps)))
              (f32.neg (local.get $lr)))
            (f32.load (i32.add (local.get $p) (local.get $q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $tail)))
  )
)
