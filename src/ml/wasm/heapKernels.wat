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

  ;; The gradient of a stride-1 convolution's filter, dW[a,b,c,o] += Σ x[n, r+a, q+b, c] · dy[n, r, q, o]
  ;; over images n, output rows r and columns q, with x already padded (xp: [N, HP, WP, CP], CP a
  ;; multiple of 4, HP ≥ OH + FH − 1, WP ≥ OW + FW − 1), dy [N, OH, OW, OC] with OC a multiple of 8
  ;; and dw [FH, FW, CP, OC] accumulated into (zero it first). A 4-channel × 8-output tile of dW
  ;; stays in registers while it runs over `rows` output rows of one image (a block that stays in
  ;; the L1 cache for every tap and tile), so each position costs 2 loads of dy, 4 splats of x and
  ;; 8 multiply-adds.
  (func (export "convFilterGrad")
    (param $xp i32) (param $dy i32) (param $dw i32) (param $n i32) (param $oh i32) (param $ow i32)
    (param $hp i32) (param $wp i32) (param $cp i32) (param $oc i32) (param $fh i32) (param $fw i32)
    (param $rows i32)
    (local $img i32) (local $r0 i32) (local $r1 i32) (local $a i32) (local $b i32) (local $c0 i32)
    (local $o0 i32) (local $r i32) (local $xImg i32) (local $dImg i32) (local $accP i32)
    (local $xq i32) (local $dq i32) (local $dEnd i32) (local $ocB i32) (local $xStep i32)
    (local $xRow i32) (local $dRow i32)
    (local $s v128) (local $d0 v128) (local $d1 v128) (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128) (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local.set $ocB (i32.shl (local.get $oc) (i32.const 2)))
    (local.set $xStep (i32.shl (local.get $cp) (i32.const 2)))
    (local.set $xRow (i32.mul (local.get $wp) (local.get $xStep)))
    (local.set $dRow (i32.mul (local.get $ow) (local.get $ocB)))
    (local.set $img (i32.const 0))
    (block $imgDone (loop $imgLoop
      (br_if $imgDone (i32.ge_u (local.get $img) (local.get $n)))
      (local.set $xImg (i32.add (local.get $xp) (i32.mul (i32.mul (local.get $img) (local.get $hp)) (local.get $xRow))))
      (local.set $dImg (i32.add (local.get $dy) (i32.mul (i32.mul (local.get $img) (local.get $oh)) (local.get $dRow))))
      (local.set $r0 (i32.const 0))
      (block $blkDone (loop $blkLoop
        (br_if $blkDone (i32.ge_u (local.get $r0) (local.get $oh)))
        (local.set $r1 (i32.add (local.get $r0) (local.get $rows)))
        (if (i32.gt_u (local.get $r1) (local.get $oh)) (then (local.set $r1 (local.get $oh))))
        (local.set $a (i32.const 0))
        (block $aDone (loop $aLoop
          (br_if $aDone (i32.ge_u (local.get $a) (local.get $fh)))
          (local.set $b (i32.const 0))
          (block $bDone (loop $bLoop
            (br_if $bDone (i32.ge_u (local.get $b) (local.get $fw)))
            (local.set $c0 (i32.const 0))
            (block $cDone (loop $cLoop
              (br_if $cDone (i32.ge_u (local.get $c0) (local.get $cp)))
              (local.set $o0 (i32.const 0))
              (block $oDone (loop $oLoop
                (br_if $oDone (i32.ge_u (local.get $o0) (local.get $oc)))
                ;; &dw[a, b, c0, o0]
                (local.set $accP (i32.add (local.get $dw) (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $a) (local.get $fw)) (local.get $b))
                    (local.get $cp)) (local.get $c0)) (local.get $oc)) (local.get $o0)) (i32.const 2))))
            (local.set $a00 (v128.load offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 0)))))
            (local.set $a01 (v128.load offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 0)))))
            (local.set $a10 (v128.load offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 1)))))
            (local.set $a11 (v128.load offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 1)))))
            (local.set $a20 (v128.load offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 2)))))
            (local.set $a21 (v128.load offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 2)))))
            (local.set $a30 (v128.load offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 3)))))
            (local.set $a31 (v128.load offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 3)))))
                (local.set $r (local.get $r0))
                (block $rDone (loop $rLoop
                  (br_if $rDone (i32.ge_u (local.get $r) (local.get $r1)))
                  ;; &xp[img, r + a, b, c0] and &dy[img, r, 0, o0]
                  (local.set $xq (i32.add (i32.add (local.get $xImg)
                    (i32.mul (i32.add (local.get $r) (local.get $a)) (local.get $xRow)))
                    (i32.shl (i32.add (i32.mul (local.get $b) (local.get $cp)) (local.get $c0)) (i32.const 2))))
                  (local.set $dq (i32.add (i32.add (local.get $dImg) (i32.mul (local.get $r) (local.get $dRow)))
                    (i32.shl (local.get $o0) (i32.const 2))))
                  (local.set $dEnd (i32.add (local.get $dq) (local.get $dRow)))
                  (loop $qLoop
                    (local.set $d0 (v128.load (local.get $dq)))
                    (local.set $d1 (v128.load offset=16 (local.get $dq)))
                  (local.set $s (v128.load32_splat offset=0 (local.get $xq)))
                  (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $s) (local.get $d0))))
                  (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $s) (local.get $d1))))
                  (local.set $s (v128.load32_splat offset=4 (local.get $xq)))
                  (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $s) (local.get $d0))))
                  (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $s) (local.get $d1))))
                  (local.set $s (v128.load32_splat offset=8 (local.get $xq)))
                  (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $s) (local.get $d0))))
                  (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $s) (local.get $d1))))
                  (local.set $s (v128.load32_splat offset=12 (local.get $xq)))
                  (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $s) (local.get $d0))))
                  (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $xq (i32.add (local.get $xq) (local.get $xStep)))
                    (local.set $dq (i32.add (local.get $dq) (local.get $ocB)))
                    (br_if $qLoop (i32.lt_u (local.get $dq) (local.get $dEnd))))
                  (local.set $r (i32.add (local.get $r) (i32.const 1)))
                  (br $rLoop)))
            (v128.store offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 0))) (local.get $a00))
            (v128.store offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 0))) (local.get $a01))
            (v128.store offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 1))) (local.get $a10))
            (v128.store offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 1))) (local.get $a11))
            (v128.store offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 2))) (local.get $a20))
            (v128.store offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 2))) (local.get $a21))
            (v128.store offset=0 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 3))) (local.get $a30))
            (v128.store offset=16 (i32.add (local.get $accP) (i32.mul (local.get $ocB) (i32.const 3))) (local.get $a31))
                (local.set $o0 (i32.add (local.get $o0) (i32.const 8)))
                (br $oLoop)))
              (local.set $c0 (i32.add (local.get $c0) (i32.const 4)))
              (br $cLoop)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $bLoop)))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (br $aLoop)))
        (local.set $r0 (local.get $r1))
        (br $blkLoop)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $imgLoop)))
  )

  ;; Column sums of a rows × cols matrix (cols a multiple of 4): out[j] = Σ_i x[i, j], each column
  ;; summed in row order (the order of tfjs's own Sum, so the result is the same float for float).
  ;; The bias gradients of conv layers: the sum of dy over every axis but the channels. Rows are
  ;; read in memory order; out (a few hundred bytes) stays in L1 as the accumulator.
  (func (export "colSum") (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (call $reluGradColSum (local.get $x) (i32.const 0) (i32.const 0) (local.get $out) (local.get $rows) (local.get $cols))
  )

  ;; The backward pass of a ReLU followed by its layer's bias: dz[i, j] = y[i, j] > 0 ? g[i, j] : 0
  ;; (tf.relu's gradient, y the ReLU's output) and db[j] = Σ_i dz[i, j] in row order, in one read of
  ;; g and y. y = 0: no mask, dz = 0: dz not written (then it is the column sum of g).
  (func $reluGradColSum (export "reluGradColSum")
    (param $g i32) (param $y i32) (param $dz i32) (param $db i32) (param $rows i32) (param $cols i32)
    (local $rowB i32) (local $j i32) (local $i i32) (local $v v128) (local $zero v128)
    (local.set $rowB (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $zDone (loop $zLoop
      (br_if $zDone (i32.ge_u (local.get $j) (local.get $rowB)))
      (v128.store (i32.add (local.get $db) (local.get $j)) (local.get $zero))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $zLoop)))
    (local.set $i (i32.const 0))
    (block $iDone (loop $iLoop
      (br_if $iDone (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $jDone (loop $jLoop
        (br_if $jDone (i32.ge_u (local.get $j) (local.get $rowB)))
        (local.set $v (v128.load (i32.add (local.get $g) (local.get $j))))
        (if (local.get $y) (then
          (local.set $v (v128.and (local.get $v)
            (f32x4.gt (v128.load (i32.add (local.get $y) (local.get $j))) (local.get $zero))))))
        (if (local.get $dz) (then (v128.store (i32.add (local.get $dz) (local.get $j)) (local.get $v))))
        (v128.store (i32.add (local.get $db) (local.get $j))
          (f32x4.add (v128.load (i32.add (local.get $db) (local.get $j))) (local.get $v)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jLoop)))
      (local.set $g (i32.add (local.get $g) (local.get $rowB)))
      (if (local.get $y) (then (local.set $y (i32.add (local.get $y) (local.get $rowB)))))
      (if (local.get $dz) (then (local.set $dz (i32.add (local.get $dz) (local.get $rowB)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iLoop)))
  )

  ;; The gradient of a 2×2, stride-2 max pool (no padding) over x [N, H, W, C], C a multiple of 4,
  ;; dy [N, OH, OW, C]: each dy goes to the first maximum of its window (a wins ties, then b, c, d:
  ;; the cpu backend's rule), every other dx of the window is 0. Rows and columns past the last
  ;; full window are not written (the caller zeroes dx when H or W is odd).
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32) (param $n i32) (param $h i32) (param $w i32)
    (param $c i32) (param $oh i32) (param $ow i32)
    (local $cb i32) (local $rowB i32) (local $r i32) (local $q i32) (local $k i32) (local $p i32)
    (local $g i32) (local $rowEnd i32) (local $img i32)
    (local $va v128) (local $vb v128) (local $vc v128) (local $vd v128) (local $gv v128)
    (local $ta v128) (local $tb v128) (local $tc v128)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $rowB (i32.mul (local.get $w) (local.get $cb)))
    (local.set $g (local.get $dy))
    (local.set $img (i32.const 0))
    (block $nDone (loop $nLoop
      (br_if $nDone (i32.ge_u (local.get $img) (local.get $n)))
      (local.set $r (i32.const 0))
      (block $rDone (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $oh)))
        (local.set $q (i32.const 0))
        (block $qDone (loop $qLoop
          (br_if $qDone (i32.ge_u (local.get $q) (local.get $ow)))
          ;; byte offset of x[img, 2r, 2q, 0]
          (local.set $p (i32.add
            (i32.mul (i32.add (i32.mul (local.get $img) (local.get $h)) (i32.shl (local.get $r) (i32.const 1))) (local.get $rowB))
            (i32.mul (i32.shl (local.get $q) (i32.const 1)) (local.get $cb))))
          (local.set $rowEnd (i32.add (local.get $p) (local.get $cb)))
          (block $kDone (loop $kLoop
            (br_if $kDone (i32.ge_u (local.get $p) (local.get $rowEnd)))
            (local.set $k (i32.add (local.get $x) (local.get $p)))
            (local.set $va (v128.load (local.get $k)))
            (local.set $vb (v128.load (i32.add (local.get $k) (local.get $cb))))
            (local.set $vc (v128.load (i32.add (local.get $k) (local.get $rowB))))
            (local.set $vd (v128.load (i32.add (i32.add (local.get $k) (local.get $rowB)) (local.get $cb))))
            (local.set $gv (v128.load (local.get $g)))
            (local.set $ta (v128.and (v128.and (f32x4.ge (local.get $va) (local.get $vb)) (f32x4.ge (local.get $va) (local.get $vc)))
              (f32x4.ge (local.get $va) (local.get $vd))))
            (local.set $tb (v128.andnot (v128.and (f32x4.ge (local.get $vb) (local.get $vc)) (f32x4.ge (local.get $vb) (local.get $vd)))
              (local.get $ta)))
            (local.set $tc (v128.andnot (v128.andnot (f32x4.ge (local.get $vc) (local.get $vd)) (local.get $ta)) (local.get $tb)))
            (local.set $k (i32.add (local.get $dx) (local.get $p)))
            (v128.store (local.get $k) (v128.and (local.get $gv) (local.get $ta)))
            (v128.store (i32.add (local.get $k) (local.get $cb)) (v128.and (local.get $gv) (local.get $tb)))
            (v128.store (i32.add (local.get $k) (local.get $rowB)) (v128.and (local.get $gv) (local.get $tc)))
            (v128.store (i32.add (i32.add (local.get $k) (local.get $rowB)) (local.get $cb))
              (v128.andnot (local.get $gv) (v128.or (v128.or (local.get $ta) (local.get $tb)) (local.get $tc))))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $kLoop)))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $qLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rLoop)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $nLoop)))
  )
)
